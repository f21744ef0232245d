using Pog.Validator;

return await ValidatorHost.RunAsync(args, Console.Error);
