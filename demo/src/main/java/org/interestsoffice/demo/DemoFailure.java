package org.interestsoffice.demo;

/** Something the user must know about and act on; printed without a stack trace. */
final class DemoFailure extends RuntimeException {

  DemoFailure(String message) {
    super(message);
  }

  DemoFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
