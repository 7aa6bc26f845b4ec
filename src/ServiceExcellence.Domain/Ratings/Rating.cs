using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Ratings;

/// <summary>
/// A customer's answer to one survey invitation. The transaction's client, service line and team are
/// copied in so that figures can be computed from ratings alone.
/// </summary>
public sealed class Rating : Entity
{
    public const int MaxCommentLength = 2_000;

    private readonly List<RatingFailureCategory> _failureCategories = [];

    private Rating()
    {
        Language = string.Empty;
    }

    public Rating(Guid invitationId, Guid transactionId, Guid clientId, Guid? contactId, Guid serviceLineId, Guid? teamId, DateTimeOffset submittedAt)
    {
        InvitationId = invitationId;
        TransactionId = transactionId;
        ClientId = clientId;
        ContactId = contactId;
        ServiceLineId = serviceLineId;
        TeamId = teamId;
        SubmittedAt = submittedAt;
        Language = "en";
    }

    public Guid InvitationId { get; private set; }
    public Guid TransactionId { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid? ContactId { get; private set; }
    public Guid ServiceLineId { get; private set; }
    public Guid? TeamId { get; private set; }

    /// <summary>Overall satisfaction, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int Overall { get; private set; }

    public int? Reliability { get; private set; }
    public int? Responsiveness { get; private set; }
    public int? FeelingValued { get; private set; }
    public int? Empathy { get; private set; }
    public int? Competency { get; private set; }

    /// <summary>How likely the contact is to recommend the company, 0–10.</summary>
    public int? LikelihoodToRecommend { get; private set; }

    public string? Comment { get; private set; }
    public string Language { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateTimeOffset? LastEditedAt { get; private set; }
    public IReadOnlyCollection<RatingFailureCategory> FailureCategories => _failureCategories;

    public void Answer(RatingAnswer answer)
    {
        Overall = Score(answer.Overall, "Overall satisfaction", 1, 5) ?? throw new DomainException("Overall satisfaction is required.");
        Reliability = Score(answer.Reliability, "Reliability", 1, 5);
        Responsiveness = Score(answer.Responsiveness, "Responsiveness", 1, 5);
        FeelingValued = Score(answer.FeelingValued, "Feeling valued", 1, 5);
        Empathy = Score(answer.Empathy, "Empathy", 1, 5);
        Competency = Score(answer.Competency, "Competency", 1, 5);
        LikelihoodToRecommend = Score(answer.LikelihoodToRecommend, "Likelihood to recommend", 0, 10);
        Comment = Guard.Optional(answer.Comment, "Comment", MaxCommentLength);
        Language = Guard.Required(answer.Language, "Language", Limits.Language);

        _failureCategories.RemoveAll(c => !answer.FailureCategoryIds.Contains(c.FailureCategoryId));
        foreach (var id in answer.FailureCategoryIds.Distinct().Where(id => _failureCategories.All(c => c.FailureCategoryId != id)))
        {
            _failureCategories.Add(new RatingFailureCategory(Id, id));
        }
    }

    /// <summary>The customer changes their answer within the edit window; the first submission time is kept.</summary>
    public void Edit(RatingAnswer answer, DateTimeOffset now, TimeSpan editWindow)
    {
        if (!CanBeEdited(now, editWindow))
        {
            throw new DomainException("The time to change this answer has passed.");
        }

        Answer(answer);
        LastEditedAt = now;
    }

    /// <summary>Erasure on request: the customer's own words go; scores, dimensions and failure categories stay for the figures.</summary>
    public void RemoveComment() => Comment = null;

    public bool CanBeEdited(DateTimeOffset now, TimeSpan editWindow) => now <= SubmittedAt + editWindow;

    private static int? Score(int? value, string what, int min, int max) =>
        value is null || (value >= min && value <= max)
            ? value
            : throw new DomainException($"{what} must be between {min} and {max}.");
}

public sealed record RatingAnswer(
    int? Overall,
    int? Reliability,
    int? Responsiveness,
    int? FeelingValued,
    int? Empathy,
    int? Competency,
    int? LikelihoodToRecommend,
    IReadOnlyCollection<Guid> FailureCategoryIds,
    string? Comment,
    string Language);

public sealed class RatingFailureCategory(Guid ratingId, Guid failureCategoryId)
{
    public Guid RatingId { get; private set; } = ratingId;
    public Guid FailureCategoryId { get; private set; } = failureCategoryId;
}
