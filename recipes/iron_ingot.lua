recipe = {
  name = "Iron ingot",
  inputs = { ore = 2 },
  outputs = { iron_ingot = 1 },
  duration = 10000,
  components = { "forge" },
}
