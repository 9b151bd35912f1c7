package io.reelay.schemas;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Creates the contract's topics (and their dead-letter topics) that do not exist yet; safe to run repeatedly. */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    public static void createMissing(Map<String, Object> adminConfig, int partitions, short replication)
            throws InterruptedException {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?> topic : Topics.all()) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), partitions, replication).configs(topic.config()));
                }
                if (!existing.contains(topic.deadLetterName())) {
                    missing.add(new NewTopic(topic.deadLetterName(), partitions, replication));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            // Another service may have created the same topics between our listing and our request.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topics", e.getCause());
            }
        }
    }
}
