package dev.colorizer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdmissionTest {
    @Test
    void requestsAndPixelsAreBoundedAndGivenBackOnClose() {
        Admission admission = new Admission(2, 1000);
        Admission.Ticket a = admission.enter();
        Admission.Ticket b = admission.enter();
        assertThatThrownBy(admission::enter).isInstanceOf(HttpProblem.class)
                .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(503));
        a.reserve(600);
        assertThatThrownBy(() -> b.reserve(600)).isInstanceOf(HttpProblem.class).hasMessageContaining("large");
        b.reserve(400);
        a.close();
        a.close(); // twice is harmless
        try (Admission.Ticket c = admission.enter()) {
            c.reserve(600);
        }
        b.close();
        try (Admission.Ticket d = admission.enter(); Admission.Ticket e = admission.enter()) {
            d.reserve(600);
            e.reserve(400); // all of the budget is back
        }
    }
}
