package org.chamberpulse.timeline;

/** The items that hold time outside the agenda's own items (rule 2). */
public final class Buckets {

    public static final String PRE = "pre";
    public static final String RECESS = "recess";
    public static final String POST = "post";

    private Buckets() {
    }

    public static String title(String bucket) {
        return switch (bucket) {
            case PRE -> "Before the first item";
            case RECESS -> "Recess";
            case POST -> "After the meeting";
            default -> bucket;
        };
    }

    public static boolean isBucket(String itemId) {
        return PRE.equals(itemId) || RECESS.equals(itemId) || POST.equals(itemId);
    }
}
