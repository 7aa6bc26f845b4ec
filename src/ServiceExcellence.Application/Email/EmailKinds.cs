namespace ServiceExcellence.Application.Email;

/// <summary>The kinds of email the product sends, as stored on outbox messages.</summary>
public static class EmailKinds
{
    public const string SurveyInvitation = "survey-invitation";
    public const string SurveyReminder = "survey-reminder";
    public const string AlertRaised = "alert-raised";
    public const string AlertEscalated = "alert-escalated";
    public const string GuaranteeInvoked = "guarantee-invoked";
    public const string GuaranteeConfirmation = "guarantee-confirmation";
}
