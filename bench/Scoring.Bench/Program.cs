using BenchmarkDotNet.Running;

// Run all benchmarks (or pick with --filter), e.g.:
//   dotnet run -c Release --project bench/Scoring.Bench -- --filter '*Points*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
