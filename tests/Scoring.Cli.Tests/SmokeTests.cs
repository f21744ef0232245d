namespace Scoring.Cli.Tests;
