namespace ThuisMonitoring.Web.Api;

/// <summary>Body of <c>POST /api/auth/refresh</c> and <c>POST /api/auth/logout</c>.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Body of <c>POST /api/me/password</c>.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Body of <c>POST /api/users/{username}/password</c> (admin reset).</summary>
public sealed record PasswordResetRequest(string? NewPassword);

/// <summary>Body of <c>POST /api/me/totp/confirm</c>.</summary>
public sealed record TotpCodeRequest(string? Code);

/// <summary>Answer of <c>POST /api/me/totp</c>: the secret to put in an authenticator app, also as an <c>otpauth://</c> URI.</summary>
public sealed record TotpEnrolmentResponse(string Secret, string OtpauthUri);

/// <summary>Answer of <c>POST /api/users/{username}/disable|enable</c>.</summary>
public sealed record UserStatusResponse(string Username, bool Disabled);
