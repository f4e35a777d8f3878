recipe = {
  name = "Lens",
  inputs = { crystal = 3 },
  outputs = { lens = 1 },
  duration = 90000,
  components = { "lab" },
}
