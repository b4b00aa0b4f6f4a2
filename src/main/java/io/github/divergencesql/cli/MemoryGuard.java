package io.github.divergencesql.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.NotificationEmitter;

/**
 * Heap headroom for {@code --pg}: when the long-lived part of the heap is still more than
 * {@link #FRACTION} full right after a garbage collection, the running statements are cancelled
 * (their clients get "Statement was canceled"), before the JVM runs out of memory and H2 closes
 * the database for everyone. Only what is live after a collection counts, so garbage never
 * triggers it.
 */
final class MemoryGuard {
  static final double FRACTION = 0.7;

  private MemoryGuard() {}

  /** Calls {@code onPressure} (on a JMX thread) each time the threshold is passed. */
  static void install(Runnable onPressure) {
    boolean any = false;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      long max = pool.getUsage().getMax();
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
          && max > 0) {
        pool.setCollectionUsageThreshold((long) (max * FRACTION));
        any = true;
      }
    }
    if (!any) {
      return;
    }
    NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
    emitter.addNotificationListener((notification, handback) -> {
      if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED
          .equals(notification.getType())) {
        onPressure.run();
      }
    }, null, null);
  }
}
