namespace ThuisMonitoring.IntegrationTests.Protocols;

// The parts of the protocol API's answers (docs/protocol.md) these tests read.

public sealed record ProtocolLayerView(string Scope, int Version, System.Text.Json.JsonElement? Layer, string? ChangedBy, string ProtocolId);

public sealed record ProtocolChangeView(string Scope, int Version, System.Text.Json.JsonElement? Old, System.Text.Json.JsonElement New, string ChangedBy);

public sealed record ProtocolErrorView(string Field, string Message, string? Layer);

public sealed record ProtocolProblemView(string? Title, int? Status, string? Detail, IReadOnlyList<ProtocolErrorView>? Errors);

public sealed record EligibilityCriterionView(string Code, bool? Met, string Detail);

public sealed record EligibilityView(bool Eligible, string Pathway, IReadOnlyList<EligibilityCriterionView> Criteria);

public sealed record EnrolmentView(string PatientId, EligibilityView? Eligibility);

public sealed record TransitionView(string From, string To, string By, string Reason);

public sealed record EpisodeView(string PatientId, string State, string Level, EligibilityView? Eligibility, IReadOnlyList<TransitionView> Transitions);
