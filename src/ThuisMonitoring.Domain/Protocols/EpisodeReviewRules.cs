namespace ThuisMonitoring.Domain.Protocols;

/// <summary>Days after enrolment at which the episode asks for a review: of responsibility, and of the episode itself.</summary>
public sealed record EpisodeReviewRules(int ResponsibilityReviewDay, int EpisodeReviewDay);
