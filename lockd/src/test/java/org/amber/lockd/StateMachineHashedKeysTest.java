package org.amber.lockd;

/** Every case of {@link StateMachineTest}, decided against keys held as the decide stage holds them ({@link KeyIndex#HASHED}). */
class StateMachineHashedKeysTest extends StateMachineTest {
    @Override
    KeyIndex keyIndex() {
        return KeyIndex.HASHED;
    }
}
