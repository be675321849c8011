using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Host.Privacy;

/// <summary>
/// The <c>Privacy</c> section: how often the retention purge runs (<c>Privacy:PurgeInterval</c>, default a day) and
/// the retention per organisation (<c>Privacy:Retention:Default</c>, <c>Privacy:Retention:Organisations:{org}</c>,
/// each with <c>MedicalRecordYears</c> and <c>RawMeasurementDays</c>).
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromDays(1);

    public RetentionSection Retention { get; set; } = new();

    /// <summary>The policy of the organisation (its own section, else the default).</summary>
    public RetentionPolicy For(string? organisation) =>
        (organisation is not null && Retention.Organisations.TryGetValue(organisation, out var own) ? own : Retention.Default).ToPolicy();

    public void Validate()
    {
        if (PurgeInterval < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException("Privacy:PurgeInterval must be at least one second.");
        }

        foreach (var (name, section) in Retention.Organisations.Prepend(new("Default", Retention.Default)))
        {
            if (section.ToPolicy().Problem() is { } problem)
            {
                throw new InvalidOperationException($"Privacy:Retention:{name}: {problem}");
            }
        }
    }
}

public sealed class RetentionSection
{
    public RetentionValues Default { get; set; } = new();

    public Dictionary<string, RetentionValues> Organisations { get; set; } = new(StringComparer.Ordinal);
}

public sealed class RetentionValues
{
    public int MedicalRecordYears { get; set; } = RetentionPolicy.WgboYears;

    public int RawMeasurementDays { get; set; } = RetentionPolicy.DefaultRawDays;

    public RetentionPolicy ToPolicy() => new(MedicalRecordYears, RawMeasurementDays);
}
