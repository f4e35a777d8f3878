import Testing
import LuaBridge

@Test func tmpCrash() throws {
    let scripts = [
    "xp": """
    function attack()
      local function loop() assert(pcall(loop)) end
      local err, msg = xpcall(loop, loop)
      return tostring(err) .. " " .. tostring(msg)
    end
    """,
    "co": """
    function attack()
      local coro = false
      for i = 1, 200000 do
        local previous = coro
        coro = coroutine.create(function()
          local cc <close> = setmetatable({}, {__close=function()
            if previous then assert(coroutine.close(previous)) end
          end})
          coroutine.yield()
        end)
        assert(coroutine.resume(coro))
      end
      return coroutine.close(coro)
    end
    """]
    for (name, src) in scripts {
        let box = try LuaSandbox(limits: SandboxLimits(instructions: 2_000_000_000, memoryBytes: 1 << 30))
        try box.load(name: name, source: src)
        do { print("RESULT \(name)", try box.call(name, "attack", seed: 0).value) } catch { print("RESULT \(name) error", error) }
    }
}
