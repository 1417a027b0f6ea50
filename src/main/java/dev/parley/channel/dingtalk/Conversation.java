package dev.parley.channel.dingtalk;

import java.util.Objects;

/**
 * Where the robot speaks, in the two shapes the OpenAPI distinguishes: a one-to-one chat is addressed by the
 * person's staff userId ({@code oToMessages/batchSend}, card space {@code IM_ROBOT}), a group by its
 * {@code openConversationId} ({@code groupMessages/send}, card space {@code IM_GROUP}).
 *
 * @param id    the staff userId (one-to-one) or the openConversationId (group)
 * @param group whether it is a group
 */
record Conversation(String id, boolean group) {
    /** Rejects an empty id. */
    Conversation {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a DingTalk conversation needs an id");
        }
    }

    /**
     * @param staffId a person's userId
     * @return the robot's one-to-one chat with them
     */
    static Conversation person(String staffId) {
        return new Conversation(staffId, false);
    }

    /**
     * @param openConversationId a group's conversation id
     * @return that group
     */
    static Conversation group(String openConversationId) {
        return new Conversation(openConversationId, true);
    }

    /**
     * @param message a message to the robot
     * @return the conversation to answer it in: the group it was said in, or the sender's one-to-one chat
     */
    static Conversation of(RobotMessage message) {
        return message.inGroup() ? group(message.conversationId()) : person(message.senderStaffId());
    }

    /** @return the {@code openSpaceId} of an interactive card delivered here */
    String openSpaceId() {
        return group ? "dtv1.card//IM_GROUP." + id : "dtv1.card//IM_ROBOT." + id;
    }
}
