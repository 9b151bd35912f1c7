package io.reelay.encode.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and edits attribute lists of HLS tags ({@code NAME=value,NAME="quoted value"}). */
final class Attributes {

    private Attributes() {
    }

    /** The value of a quoted attribute, or null when the list does not carry it. */
    static String quoted(String attributeList, String name) {
        Matcher matcher = quotedPattern(name).matcher(attributeList);
        return matcher.find() ? matcher.group(1) : null;
    }

    static boolean has(String attributeList, String name) {
        return Pattern.compile("(?:^|,)" + Pattern.quote(name) + "=").matcher(attributeList).find();
    }

    /** The list with the quoted attribute set to the value, replacing it or appending it. */
    static String withQuoted(String attributeList, String name, String value) {
        String attribute = name + "=\"" + value + "\"";
        Matcher matcher = quotedPattern(name).matcher(attributeList);
        if (matcher.find()) {
            return attributeList.substring(0, matcher.start()) + attribute + attributeList.substring(matcher.end());
        }
        return attributeList.isEmpty() ? attribute : attributeList + "," + attribute;
    }

    /** The list with the unquoted attribute (a number, a resolution) set to the value, replacing or appending it. */
    static String withPlain(String attributeList, String name, String value) {
        String attribute = name + "=" + value;
        Matcher matcher = Pattern.compile("(?:^|(?<=,))" + Pattern.quote(name) + "=[^,\"]*").matcher(attributeList);
        if (matcher.find()) {
            return attributeList.substring(0, matcher.start()) + attribute + attributeList.substring(matcher.end());
        }
        return attributeList.isEmpty() ? attribute : attributeList + "," + attribute;
    }

    private static Pattern quotedPattern(String name) {
        return Pattern.compile("(?:^|(?<=,))" + Pattern.quote(name) + "=\"([^\"]*)\"");
    }
}
