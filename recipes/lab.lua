recipe = {
  name = "Lab",
  inputs = { crystal = 4, iron_ingot = 2 },
  outputs = { lab = 1 },
  makes = "component",
  duration = 300000,
  components = { "forge" },
}
