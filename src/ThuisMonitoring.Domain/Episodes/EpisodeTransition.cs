namespace ThuisMonitoring.Domain.Episodes;

/// <summary>A recorded change of the episode's state: from, to, who decided, why, and when.</summary>
public sealed record EpisodeTransition(EpisodeState From, EpisodeState To, string By, string Reason, DateTimeOffset At);
