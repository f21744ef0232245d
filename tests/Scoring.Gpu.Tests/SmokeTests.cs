namespace Scoring.Gpu.Tests;
