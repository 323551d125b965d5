// Imported before pop-core: its `debug` dependency reads DEBUG once, at load, and DEBUG=httpx:* would print
// signed request bodies (with the security token, percent-encoded past the runner's masking).
delete process.env.DEBUG;
