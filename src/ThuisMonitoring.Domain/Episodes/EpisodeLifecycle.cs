namespace ThuisMonitoring.Domain.Episodes;

/// <summary>
/// The allowed state changes (PROTOCOL.md, issue 3): monitoring → weaning → ended, weaning back to monitoring when a
/// step is not tolerated, monitoring → ended, and readmitted as an exit from any state. Readmitted is final.
/// </summary>
public static class EpisodeLifecycle
{
    public static bool Allows(EpisodeState from, EpisodeState to) => (from, to) switch
    {
        (EpisodeState.Readmitted, _) => false,
        (_, EpisodeState.Readmitted) => true,
        (EpisodeState.Monitoring, EpisodeState.Weaning) => true,
        (EpisodeState.Weaning, EpisodeState.Monitoring) => true,
        (EpisodeState.Monitoring or EpisodeState.Weaning, EpisodeState.Ended) => true,
        _ => false,
    };

    /// <summary>The states reachable from <paramref name="from"/>, for the message of a refused change.</summary>
    public static IReadOnlyList<EpisodeState> From(EpisodeState from) =>
        Enum.GetValues<EpisodeState>().Where(to => Allows(from, to)).ToList();
}
