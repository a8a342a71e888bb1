package org.amber.lockd;

/** Every case of {@link MultipartStateTest}, decided against keys held as the decide stage holds them ({@link KeyIndex#HASHED}). */
class MultipartStateHashedKeysTest extends MultipartStateTest {
    @Override
    KeyIndex keyIndex() {
        return KeyIndex.HASHED;
    }
}
