namespace ServiceExcellence.Domain.Surveys;

/// <summary>
/// One secret link to an invitation, minted when an email carrying it is sent. Only the SHA-256 hash of
/// the 256-bit token is stored; the token itself exists only in the email.
/// </summary>
public sealed class SurveyLinkToken(Guid invitationId, byte[] hash, DateTimeOffset createdAt)
{
    public long Id { get; private set; }
    public Guid InvitationId { get; private set; } = invitationId;
    public byte[] Hash { get; private set; } = hash;
    public DateTimeOffset CreatedAt { get; private set; } = createdAt;
}
