namespace ThuisMonitoring.Domain.Episodes;

/// <summary>A change of episode state (or a decision on advice) that is not allowed where the episode is now.</summary>
public sealed class EpisodeTransitionException(string message) : InvalidOperationException(message);
