package tcplab.ui.run;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import tcplab.i18n.Texts;
import tcplab.sim.Timeline;

/**
 * The segment inspector: every header field of the selected segment with its value, what it means
 * and its RFC section, and the segment's fate as far as the playhead has got. It follows
 * {@link RunViewModel#inspectedProperty()} (changed at once by a drop and when the playhead passes
 * the segment's sending or arrival) and the language.
 */
public final class InspectorView extends VBox {
    private final RunViewModel vm;

    public InspectorView(RunViewModel vm) {
        super(6);
        this.vm = vm;
        setId("inspector");
        setPadding(new Insets(8));
        vm.inspectedProperty().addListener((o, a, in) -> show(in));
        vm.langProperty().addListener((o, a, l) -> show(vm.inspectedProperty().get()));
        vm.timelineProperty().addListener((o, a, tl) -> show(vm.inspectedProperty().get()));
        show(vm.inspectedProperty().get());
    }

    private Texts t() {
        return Texts.of(LadderView.BUNDLE, vm.langProperty().get());
    }

    private void show(RunViewModel.Inspected in) {
        getChildren().clear();
        Label title = new Label();
        title.getStyleClass().add("pane-title");
        Timeline tl = vm.timeline();
        if (in == null || tl == null) {
            title.setText(t().get("insp.title"));
            Label hint = new Label(t().get("insp.hint"));
            hint.setWrapText(true);
            getChildren().addAll(title, hint);
            return;
        }
        Timeline.Flight f = in.flight();
        title.setText(t().get("insp.titleOf", "#" + f.id(), f.send().segment().flagText()));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int r = 0;
        SeqNumbers numbers = new SeqNumbers(tl);
        java.util.List<SegmentInfo.Field> fields = new java.util.ArrayList<>();
        for (SegmentInfo.Field field : SegmentInfo.describe(f, in.phase(), numbers.isnOwn(f.id()), numbers.isnPeer(f.id()),
                vm.langProperty().get())) {
            // a capture's IPv6 ends are written with their real addresses, not the run's stand-ins
            if (field.name().equals(t().get("insp.src"))) {
                field = new SegmentInfo.Field(field.name(), vm.endpointText(f.send().segment().src()), field.meaning(), field.rfc());
            } else if (field.name().equals(t().get("insp.dst"))) {
                field = new SegmentInfo.Field(field.name(), vm.endpointText(f.send().segment().dst()), field.meaning(), field.rfc());
            }
            fields.add(field);
        }
        SegmentInfo.Field states = statesField(tl, f, in.phase());
        if (states != null) {
            fields.add(states);
        }
        for (SegmentInfo.Field field : fields) {
            Label name = new Label(field.name());
            name.getStyleClass().add("field-name");
            Label value = new Label(field.value());
            value.getStyleClass().add("field-value");
            if (field.name().equals(t().get("insp.fate"))) {
                value.setId("inspectorFate");
            }
            if (field == states) {
                value.setId("inspectorStates");
                value.setWrapText(true);
            }
            Label meaning = new Label(field.meaning() + (field.rfc().isEmpty() ? "" : "  [" + field.rfc() + "]"));
            meaning.setWrapText(true);
            meaning.getStyleClass().add("field-meaning");
            grid.add(name, 0, r);
            grid.add(value, 1, r);
            grid.add(meaning, 0, r + 1, 2, 1);
            r += 2;
        }
        getChildren().addAll(title, grid);
    }

    /**
     * For a capture: what each end's state became on this packet, as the inference has it, each
     * change the packets do not show marked inferred with its reason (the same words as the
     * status line's tooltip and the event list). Null for a simulation (its states are the
     * model's, never inferred) and before the packet is shown.
     */
    private SegmentInfo.Field statesField(Timeline tl, Timeline.Flight f, RunViewModel.Phase phase) {
        if (vm.captureRunProperty().get() == null || phase == RunViewModel.Phase.NOT_SENT) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        StringBuilder why = new StringBuilder();
        for (Timeline.Entry en : tl.entriesOfStep(f.sendStep())) {
            if (en.event() instanceof tcplab.sim.TraceEvent.StateChange sc) {
                if (value.length() > 0) {
                    value.append('\n');
                }
                String reason = vm.inferredReason(sc);
                value.append(t().get(reason == null ? "insp.state" : "insp.state.inferred", sc.host(), sc.from().name(), sc.to().name()));
                if (reason != null) {
                    if (why.length() > 0) {
                        why.append('\n');
                    }
                    why.append(t().get("insp.state.why", sc.host(), reason));
                }
            }
        }
        if (value.length() == 0) {
            return new SegmentInfo.Field(t().get("insp.states"), t().get("insp.states.none"), t().get("insp.states.m"), "");
        }
        return new SegmentInfo.Field(t().get("insp.states"), value.toString(),
                why.length() == 0 ? t().get("insp.states.m") : why.toString(), "");
    }
}
