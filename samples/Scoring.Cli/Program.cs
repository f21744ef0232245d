using Scoring.Cli;

return ScoringCommandLine.Build().Parse(args).Invoke();
