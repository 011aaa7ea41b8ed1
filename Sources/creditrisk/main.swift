print("creditrisk")
