using Pog.Validator;

await ValidatorHost.Build(args).RunAsync();
