#!/usr/bin/env bash
# Runs Reelay on this machine: Kafka, Apicurio Registry, S3Proxy and the five services, all on 127.0.0.1, then
# puts a sample video (or the one given) through the pipeline. Needs only JDK 17 and Maven.
#
#   bash deploy/local/run.sh [--no-sample] [--data-dir DIR] [--api-key KEY] [--<component>-port N ...] [video]
#   bash deploy/local/run.sh --help
#
# Builds first when any source is newer than the last build (always on a fresh clone). Ctrl-C stops everything.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
launcher="$root/deploy/local-stack/target/reelay-local-stack-0.1.0-SNAPSHOT.jar"
built_stamp="$root/deploy/local-stack/target/.local-stack-built"

needs_build() {
  [[ -f "$launcher" && -f "$built_stamp" ]] || return 0
  local newer
  newer="$(find "$root" \( -name target -o -name .git -o -name .local-stack -o -name node_modules \) -prune -o \
    -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$built_stamp" -print -quit)"
  [[ -n "$newer" ]]
}

if needs_build; then
  echo "Building Reelay (the first build downloads dependencies from Maven Central and takes a few minutes) ..."
  (cd "$root" && mvn -B -q -DskipTests install)
  touch "$built_stamp"
fi

bash "$root/deploy/native-libs.sh"

cd "$root"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -jar "$launcher" "$@"
