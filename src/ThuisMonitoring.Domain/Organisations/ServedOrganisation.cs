namespace ThuisMonitoring.Domain.Organisations;

/// <summary>The monitoring centre <paramref name="Centre"/> serves <paramref name="Client"/>: its nurses watch the client's patients.</summary>
public sealed record ServedOrganisation(string Centre, string Client);
