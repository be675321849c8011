namespace ThuisMonitoring.Domain.Episodes;

/// <summary>The lifecycle of a monitoring episode; readmitted is an exit from any state.</summary>
public enum EpisodeState
{
    Monitoring,
    Weaning,
    Ended,
    Readmitted,
}

public static class EpisodeStateNames
{
    public static string ToCode(this EpisodeState state) => state switch
    {
        EpisodeState.Monitoring => "monitoring",
        EpisodeState.Weaning => "weaning",
        EpisodeState.Ended => "ended",
        _ => "readmitted",
    };
}
