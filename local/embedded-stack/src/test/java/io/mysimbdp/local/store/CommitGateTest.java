package io.mysimbdp.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class CommitGateTest {

    @Test
    void aCommitWaitsForTheChangeInFlight() throws Exception {
        CommitGate gate = new CommitGate();
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean committed = new AtomicBoolean();
        Thread change = new Thread(() -> gate.change(() -> {
            changing.countDown();
            await(finish);
            return null;
        }));
        change.start();
        assertTrue(changing.await(5, TimeUnit.SECONDS));
        Thread commit = new Thread(() -> gate.commit(() -> committed.set(true)));
        commit.start();
        commit.join(300);
        assertFalse(committed.get(), "the commit ran while half a command was written");
        assertTrue(gate.changeInFlight());
        finish.countDown();
        commit.join(5000);
        change.join(5000);
        assertTrue(committed.get(), "the commit ran once the command was whole");
        assertFalse(gate.changeInFlight());
    }

    @Test
    void changesRunSideBySide() throws Exception {
        CommitGate gate = new CommitGate();
        CountDownLatch both = new CountDownLatch(2);
        Runnable waitForTheOther = () -> gate.change(() -> {
            both.countDown();
            return await(both);
        });
        Thread a = new Thread(waitForTheOther);
        Thread b = new Thread(waitForTheOther);
        a.start();
        b.start();
        a.join(5000);
        b.join(5000);
        assertEquals(0, both.getCount(), "two changing commands could not run at the same time");
    }

    @Test
    void aFailedChangeReleasesTheGate() {
        CommitGate gate = new CommitGate();
        try {
            gate.change(() -> {
                throw new IllegalStateException("write failed");
            });
        } catch (IllegalStateException expected) {
            // the command's own error reaches the client
        }
        AtomicBoolean committed = new AtomicBoolean();
        gate.commit(() -> committed.set(true));
        assertTrue(committed.get());
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
