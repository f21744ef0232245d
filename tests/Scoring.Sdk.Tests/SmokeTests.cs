namespace Scoring.Sdk.Tests;
