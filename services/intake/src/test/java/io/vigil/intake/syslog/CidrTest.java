package io.vigil.intake.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.20.0.0/16, 10.20.255.1, true",
        "10.20.0.0/16, 10.21.0.1, false",
        "192.0.2.7, 192.0.2.7, true",
        "192.0.2.7, 192.0.2.8, false",
        "192.0.2.7/32, 192.0.2.7, true",
        "0.0.0.0/0, 203.0.113.9, true",
        "10.0.0.0/9, 10.127.1.1, true",
        "10.0.0.0/9, 10.128.1.1, false",
        "2001:db8::/32, 2001:db8:1::5, true",
        "2001:db8::/32, 2001:db9::5, false",
        "2001:db8::/32, 10.0.0.1, false",
        "127.0.0.1, 127.0.0.1, true"
    })
    void matchesAddressesInTheBlock(String block, String address, boolean inside) throws Exception {
        assertThat(Cidr.parse(block).contains(InetAddress.getByName(address))).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "school-filter.example.test", "10.0.0.0/33", "10.0.0.0/x", "300.1.1.1", "10.0.0.0/-1", "::1/129"})
    void refusesWhatIsNotAnAddressOrBlock(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
