using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// What the patient is told after a measurement, per level and once the episode has ended (the protocol's
/// <c>feedback</c> section, so an organisation can word it for its own centre; Dutch by default).
/// </summary>
public sealed record FeedbackTexts(string Green, string Orange, string Red, string Ended)
{
    /// <summary>The longest text a device or the app is expected to show.</summary>
    public const int MaxLength = 500;

    /// <summary>The platform's own wording, for documents without a <c>feedback</c> section.</summary>
    public static FeedbackTexts Default { get; } = new(
        PatientFeedback.For(Level.Green).Text,
        PatientFeedback.For(Level.Orange).Text,
        PatientFeedback.For(Level.Red).Text,
        PatientFeedback.EpisodeEnded.Text);

    /// <summary>The feedback for a measurement at <paramref name="level"/> while the episode is active.</summary>
    public PatientFeedback For(Level level) => new(level, level switch
    {
        Level.Green => Green,
        Level.Orange => Orange,
        _ => Red,
    });

    /// <summary>The feedback once the episode has ended (a measurement is still stored, nothing is evaluated).</summary>
    public PatientFeedback AfterEnd => new(Level.Green, Ended);
}
