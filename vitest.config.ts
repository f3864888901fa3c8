// Server and rule tests. Kept apart from vite.config.ts, whose root is the client.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts", "client/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-test-env.ts"],
    // A zone 45 minutes off the hour makes time-zone mistakes fail loudly.
    // Mail the tests' servers write without SMTP goes under tests/.tmp, not the dev mailbox.
    env: { TZ: "Asia/Kathmandu", NODE_ENV: "test", MAIL_DIR: "tests/.tmp/mail" },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
