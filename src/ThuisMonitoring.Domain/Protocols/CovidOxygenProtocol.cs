namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// The default "covid-oxygen" protocol: NEWS2 (Royal College of Physicians, 2017) without blood pressure and
/// consciousness, SpO2 scale 1, and the Dutch early-discharge maximum of 3 L/min at home. Its numbers live in the
/// embedded document <c>Protocols/Documents/covid-oxygen.json</c>; see docs/protocol.md for every number and its source.
/// </summary>
public static class CovidOxygenProtocol
{
    private const string ResourceName = "ThuisMonitoring.Domain.Protocols.Documents.covid-oxygen.json";

    /// <summary>The shipped document as JSON: the basis every organisation and patient layer is applied to.</summary>
    public static string Json { get; } = ReadResource();

    public static ProtocolDocument Default { get; } = ProtocolDocumentReader.Read(Json);

    private static string ReadResource()
    {
        using var stream = typeof(CovidOxygenProtocol).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded protocol {ResourceName} is missing from the domain assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
