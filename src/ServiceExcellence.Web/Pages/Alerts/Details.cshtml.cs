using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Lookups;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Alerts;

/// <summary>
/// One alert and its two tracks. Each form posts to its own handler with the version the person saw;
/// if someone else saved the alert meanwhile, the page shows their change and keeps what this person typed.
/// </summary>
public sealed class DetailsModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty]
    public RecordRecovery.Command Recovery { get; set; } = new();

    [BindProperty]
    public CodeRootCause.Command RootCause { get; set; } = new();

    [BindProperty]
    public CommentOnAlert.Command Comment { get; set; } = new();

    [BindProperty]
    public Guid Version { get; set; }

    public AlertDetails.Model Alert { get; private set; } = default!;
    public IReadOnlyList<Option> Categories { get; private set; } = [];
    public IReadOnlyList<Option> Initiatives { get; private set; } = [];

    private Guid Id => Guid.Parse((string)RouteData.Values["id"]!);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadFormOptionsAsync(cancellationToken);
        Recovery = new RecordRecovery.Command { Action = Alert.RecoveryAction, Reaction = Alert.ClientReaction };
        RootCause = new CodeRootCause.Command { CategoryId = Alert.RootCauseCategoryId, SystemicCause = Alert.SystemicCause, InitiativeId = Alert.InitiativeId };
    }

    public Task<IActionResult> OnPostTakeAsync(CancellationToken cancellationToken) =>
        SendAsync(new TakeAlert.Command(Id, Version), "The alert is yours.", cancellationToken);

    public Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken cancellationToken) =>
        SendAsync(new AcknowledgeAlert.Command(Id, Version), "Acknowledged.", cancellationToken);

    public Task<IActionResult> OnPostRecoveryAsync(CancellationToken cancellationToken) =>
        SendAsync(Recovery with { Id = Id, Version = Version }, "Recovery recorded.", cancellationToken);

    public Task<IActionResult> OnPostRootCauseAsync(CancellationToken cancellationToken) =>
        SendAsync(RootCause with { Id = Id, Version = Version }, "Root cause recorded.", cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(CancellationToken cancellationToken) =>
        SendAsync(new ChangeAlertStatus.Command(Id, Version, ChangeAlertStatus.Change.Resolve), "Resolved.", cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken) =>
        SendAsync(new ChangeAlertStatus.Command(Id, Version, ChangeAlertStatus.Change.Close), "Closed.", cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken cancellationToken) =>
        SendAsync(new ChangeAlertStatus.Command(Id, Version, ChangeAlertStatus.Change.Reopen), "Reopened.", cancellationToken);

    public Task<IActionResult> OnPostCommentAsync(CancellationToken cancellationToken) =>
        SendAsync(Comment with { Id = Id }, "Comment added.", cancellationToken);

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        Alert = await mediator.Send(new AlertDetails.Query(Id), cancellationToken);
        Categories = await mediator.Send(new GetOptions.FailureCategories(), cancellationToken);
        Initiatives = await mediator.Send(new GetOptions.OpenInitiatives(), cancellationToken);

        // The forms carry the version just read, so a second try after a conflict works.
        ModelState.Remove(nameof(Version));
        Version = Alert.Version;
    }

    private async Task<IActionResult> SendAsync<T>(T command, string notice, CancellationToken cancellationToken)
        where T : notnull, IMessage
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = notice;
        return RedirectToPage(new { id = Id });
    }
}
