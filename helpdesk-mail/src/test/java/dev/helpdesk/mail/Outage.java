package dev.helpdesk.mail;

import dev.helpdesk.domain.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/** A switch that makes the wrapped test stores fail as an unreachable database does. */
final class Outage {
  private final AtomicBoolean down = new AtomicBoolean();

  void begin() {
    down.set(true);
  }

  void end() {
    down.set(false);
  }

  /** {@code target} behind this switch: every call fails while the outage lasts. */
  <T> T wrap(Class<T> port, T target) {
    return port.cast(
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (proxy, method, args) -> {
              check();
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  void check() {
    if (down.get()) {
      throw new StoreException("connection refused (test outage)", true, null);
    }
  }
}
