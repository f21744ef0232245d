namespace Swarm.Dashboard.Security;

/// <summary>A peer that is registered already was registered again: its secret is rotated explicitly, never by accident.</summary>
public sealed class PeerExistsException(string message) : InvalidOperationException(message);
