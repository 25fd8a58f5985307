package org.chamberpulse.sentiment;

/**
 * An open-addressing hash table of words to dense ids, looked up straight from a slice of a char
 * buffer with ASCII letters folded to lower case, so that scoring a post allocates no strings.
 */
final class Vocabulary {

    private char[][] keys = new char[1 << 12][];
    private int[] ids = new int[1 << 12];
    private int size;

    int size() {
        return size;
    }

    /** The id of the word, added if new. */
    int add(String word) {
        char[] chars = word.toCharArray();
        int found = find(chars, 0, chars.length, false);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(chars, size);
        return size++;
    }

    int find(String word) {
        return find(word.toCharArray(), 0, word.length(), false);
    }

    /**
     * @param foldAscii whether to read A-Z as a-z (the slice is otherwise compared as it is)
     * @return the id, or -1
     */
    int find(char[] buffer, int start, int end, boolean foldAscii) {
        int mask = keys.length - 1;
        int slot = hash(buffer, start, end, foldAscii) & mask;
        int length = end - start;
        while (true) {
            char[] key = keys[slot];
            if (key == null) {
                return -1;
            }
            if (key.length == length && matches(key, buffer, start, foldAscii)) {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean matches(char[] key, char[] buffer, int start, boolean foldAscii) {
        for (int k = 0; k < key.length; k++) {
            char c = buffer[start + k];
            if (foldAscii && c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != key[k]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] buffer, int start, int end, boolean foldAscii) {
        int h = 0x811c9dc5;
        for (int k = start; k < end; k++) {
            char c = buffer[k];
            if (foldAscii && c >= 'A' && c <= 'Z') {
                c += 32;
            }
            h = (h ^ c) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private void insert(char[] key, int id) {
        int mask = keys.length - 1;
        int slot = hash(key, 0, key.length, false) & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        ids[slot] = id;
    }

    private void grow() {
        char[][] oldKeys = keys;
        int[] oldIds = ids;
        keys = new char[oldKeys.length * 2][];
        ids = new int[oldIds.length * 2];
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != null) {
                insert(oldKeys[k], oldIds[k]);
            }
        }
    }
}
