// Loaded before every e2e file: a file that sets no timeout of its own gets two minutes per test and hook.
jest.setTimeout(120_000);
