recipe = {
  name = "Tool",
  inputs = { iron_ingot = 2, wood = 1 },
  outputs = { tool = 1 },
  duration = 120000,
  components = { "forge", "assembler" },
}
