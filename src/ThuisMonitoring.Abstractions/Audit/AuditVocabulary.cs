namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>The words an <see cref="AuditEvent"/> uses for its action, channel and purpose.</summary>
public static class AuditActions
{
    public const string Read = "read";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
}

/// <summary>Where the data went in or out.</summary>
public static class AuditChannels
{
    public const string Api = "api";
    public const string Fhir = "fhir";
    public const string Hub = "hub";
    public const string Export = "export";
    public const string System = "system";
}

/// <summary>Why it was accessed.</summary>
public static class AuditPurposes
{
    public const string Care = "care";
    public const string PrivacyReview = "privacy-review";
    public const string Patient = "patient-access";

    /// <summary>Carrying out the patient's right to erasure (AVG art. 17).</summary>
    public const string Erasure = "erasure";

    /// <summary>The scheduled purge of data past its retention.</summary>
    public const string Retention = "retention";
}
