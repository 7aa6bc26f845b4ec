using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Clients;

/// <summary>A person at a client who is asked to rate the contacts the company performs for them.</summary>
public sealed class Contact : Entity
{
    /// <summary>The neutral label that replaces an erased contact's name.</summary>
    public const string ErasedName = "Erased contact";

    private Contact()
    {
        Name = Language = string.Empty;
    }

    internal Contact(Guid clientId, string name, string? email, string language)
    {
        ClientId = clientId;
        Name = Guard.Required(name, "Name", Limits.Name);
        Language = NormaliseLanguage(language);
        Email = NormaliseEmail(email);
    }

    public Guid ClientId { get; private set; }
    public string Name { get; private set; }
    public string? Email { get; private set; }

    /// <summary>IETF language tag of the surveys sent to this contact, e.g. "en" or "de".</summary>
    public string Language { get; private set; }

    public bool OptedOut { get; private set; }
    public DateTimeOffset? LastSurveyedAt { get; private set; }

    /// <summary>When the contact's personal data was erased on request; an erased contact is never surveyed again.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    public bool IsErased => ErasedAt is not null;

    public void Update(string name, string? email, string language, bool optedOut)
    {
        if (IsErased)
        {
            throw new DomainException("This contact was erased on request and cannot be changed.");
        }

        Name = Guard.Required(name, "Name", Limits.Name);
        Email = NormaliseEmail(email);
        Language = NormaliseLanguage(language);
        OptedOut = optedOut;
    }

    public void OptOut() => OptedOut = true;

    /// <summary>
    /// Erasure on request: the name becomes a neutral label, the email is removed and the contact is opted out for good.
    /// The record itself stays so that transactions and ratings keep counting in the figures. Erasing again changes nothing.
    /// </summary>
    public void Erase(DateTimeOffset now)
    {
        Name = ErasedName;
        Email = null;
        OptedOut = true;
        ErasedAt ??= now;
    }

    public void MarkSurveyed(DateTimeOffset at) => LastSurveyedAt = at;

    private static string? NormaliseEmail(string? email) =>
        Guard.Optional(email, "Email", Limits.Email)?.ToLowerInvariant();

    private static string NormaliseLanguage(string? language) =>
        (Guard.Optional(language, "Language", Limits.Language) ?? "en").ToLowerInvariant();
}
