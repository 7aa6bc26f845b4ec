using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Guarantees;

/// <summary>
/// One invocation: settle it (agreed amount, credit issued or not), withdraw it, keep notes and a follow-up date.
/// Each form posts the version the president saw; administrators see the page without the forms.
/// </summary>
public sealed class DetailsModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty]
    public SettleGuarantee.Command Settle { get; set; } = new();

    [BindProperty]
    public AnnotateGuarantee.Command Annotate { get; set; } = new();

    [BindProperty]
    public Guid Version { get; set; }

    public GuaranteeDetails.Model Invocation { get; private set; } = default!;

    private Guid Id => Guid.Parse((string)RouteData.Values["id"]!);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadFormOptionsAsync(cancellationToken);
        Settle = new SettleGuarantee.Command { AgreedAmount = Invocation.AgreedAmount ?? Invocation.ChosenAmount };
        Annotate = new AnnotateGuarantee.Command { Notes = Invocation.PresidentNotes, FollowUpOn = Invocation.FollowUpOn };
    }

    public Task<IActionResult> OnPostSettleAsync(CancellationToken cancellationToken) =>
        SendAsync(Settle with { Id = Id, Version = Version, Notes = null, FollowUpOn = null }, Settle.CreditIssued ? "Settled: the credit is recorded." : "Agreed: record the credit once it is issued.", cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken) =>
        SendAsync(new WithdrawGuarantee.Command(Id, Version), "Withdrawn.", cancellationToken);

    public Task<IActionResult> OnPostAnnotateAsync(CancellationToken cancellationToken) =>
        SendAsync(Annotate with { Id = Id, Version = Version }, "Notes and follow-up saved.", cancellationToken);

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        Invocation = await mediator.Send(new GuaranteeDetails.Query(Id), cancellationToken);

        // The forms carry the version just read, so a second try after a conflict works.
        ModelState.Remove(nameof(Version));
        Version = Invocation.Version;
    }

    private async Task<IActionResult> SendAsync<T>(T command, string notice, CancellationToken cancellationToken)
        where T : notnull, IMessage
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = notice;
        return RedirectToPage(new { id = Id });
    }
}
