using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Episodes;

/// <summary>The message a patient sees on the device or in the app after a measurement (Dutch by default).</summary>
public sealed record PatientFeedback(Level Level, string Text)
{
    public static PatientFeedback For(Level level) => level switch
    {
        Level.Green => new(level, "Uw waarden zijn goed. Meet verder op de afgesproken tijden."),
        Level.Orange => new(level, "Uw waarden vragen aandacht. De monitoringscentrale belt u binnen een uur."),
        _ => new(level, "Uw waarden zijn zorgelijk. De monitoringscentrale belt u direct. Bel 112 bij ernstige benauwdheid."),
    };

    public static PatientFeedback EpisodeEnded { get; } =
        new(Level.Green, "Uw meting is ontvangen. De thuismonitoring is beëindigd; neem bij klachten contact op met uw huisarts.");
}
