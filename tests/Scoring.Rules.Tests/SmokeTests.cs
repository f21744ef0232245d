namespace Scoring.Rules.Tests;
