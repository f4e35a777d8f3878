recipe = {
  name = "Assembler",
  inputs = { iron_ingot = 3, wood = 2 },
  outputs = { assembler = 1 },
  makes = "component",
  duration = 300000,
  components = { "forge" },
}
