using Scoring.Cli;

return ScoringCommandLine.Run(args);
