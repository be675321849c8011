namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// The protocol a patient is evaluated with: the shipped <see cref="CovidOxygenProtocol"/>, the organisation's layer
/// and the patient's own layer, in that order. A layer that no longer fits (an organisation layer changed under a
/// patient layer) is skipped, and the result says so: a patient is never left without a valid protocol. When the two
/// layers do not fit together the patient layer goes first; when the organisation layer alone does not fit either,
/// the shipped protocol applies.
/// </summary>
public static class PatientProtocol
{
    /// <summary>Who a skipped layer belonged to.</summary>
    public const string Organisation = "organisation";

    /// <summary>Who a skipped layer belonged to.</summary>
    public const string Patient = "patient";

    /// <summary>The effective protocol of the layers that fit, with every layer skipped and why.</summary>
    public static ResolvedProtocol Resolve(string? organisationLayer, string? patientLayer)
    {
        if (organisationLayer is null && patientLayer is null)
        {
            return new ResolvedProtocol(CovidOxygenProtocol.Default, []);
        }

        IReadOnlyList<ProtocolError> errors;
        try
        {
            return new ResolvedProtocol(ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, Of(organisationLayer, patientLayer)), []);
        }
        catch (ProtocolDocumentException exception)
        {
            errors = exception.Errors;
        }

        var skipped = new SkippedLayer(patientLayer is not null ? Patient : Organisation, errors);
        var fallBack = patientLayer is not null ? Resolve(organisationLayer, null) : new ResolvedProtocol(CovidOxygenProtocol.Default, []);
        return fallBack with { Skipped = [skipped, .. fallBack.Skipped] };
    }

    /// <summary>
    /// Every reason the layers would be refused on top of the shipped protocol; empty when they fit. A host checks a
    /// new patient layer with it before storing it.
    /// </summary>
    public static IReadOnlyList<ProtocolError> Validate(string? organisationLayer, string? patientLayer) =>
        ProtocolDocumentReader.ValidateLayered(CovidOxygenProtocol.Json, Of(organisationLayer, patientLayer));

    private static List<string> Of(string? organisationLayer, string? patientLayer)
    {
        var layers = new List<string>(2);
        if (organisationLayer is not null)
        {
            layers.Add(organisationLayer);
        }

        if (patientLayer is not null)
        {
            layers.Add(patientLayer);
        }

        return layers;
    }
}
