package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.FakeGeweEnvelope.JSON;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.connector.gewe.FakeGeweEnvelope.Refusal;

/**
 * The devices (appIds) of {@link FakeGeweServer} and their login lifecycle ({@code reference/gewe.md}
 * §2): a QR code is issued, the test scans and confirms it, the device is online until the test takes
 * it offline or it logs out. Expiry: an expired QR code, or a uuid that is not the device's current
 * one, answers {@code status: 0} with no {@code expiredTime} (OpenGewe reads a missing expiredTime as
 * "timed out").
 */
final class FakeGeweLogin {

    /** Where a device is in its lifecycle. */
    enum State {
        /** A QR code (or dialog) is out, not scanned. */
        WAITING,
        /** Scanned, waiting for the confirmation on the phone. */
        SCANNED,
        /** Logged in and online. */
        ONLINE,
        /** Dropped; {@code reconnection} brings it back. */
        OFFLINE,
        /** Logged out or kicked; only a new login brings it back. */
        LOGGED_OUT
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String QR_IMAGE = "data:image/png;base64,"
            + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Duration qrLifetime;
    private long nextUin = 4_077_276_085L;

    /** @param qrLifetime how long a QR code stays valid */
    FakeGeweLogin(Duration qrLifetime) {
        this.qrLifetime = qrLifetime;
    }

    /** Registers the login endpoints. */
    void register(Map<String, FakeGeweServer.Endpoint> routes) {
        routes.put("/login/getLoginQrCode", this::getLoginQrCode);
        routes.put("/login/checkLogin", this::checkLogin);
        routes.put("/login/checkOnline", this::checkOnline);
        routes.put("/login/reconnection", this::reconnection);
        routes.put("/login/logout", this::logout);
        routes.put("/login/dialogLogin", this::dialogLogin);
        routes.put("/personal/getProfile", this::getProfile);
    }

    // ---- test controls -----------------------------------------------------------------------------

    synchronized void scan(String appId, String nickName) {
        Device device = pending(appId, "scan");
        if (device.state != State.WAITING) {
            throw new IllegalStateException(appId + " is " + device.state + ", not waiting for a scan");
        }
        device.state = State.SCANNED;
        device.scanNickName = nickName;
        device.headImgUrl = "http://wx.qlogo.cn/mmhead/ver_1/fake" + Integer.toHexString(nickName.hashCode()) + "/0";
    }

    synchronized void confirm(String appId, String wxid) {
        Device device = pending(appId, "confirm");
        if (!wxid.equals(device.wxid)) {
            device.uin = Long.toString(nextUin++);
            device.nickName = null;
        }
        device.wxid = wxid;
        device.nickName = device.scanNickName != null ? device.scanNickName
                : device.nickName != null ? device.nickName : wxid;
        device.state = State.ONLINE;
    }

    synchronized void expire(String appId) {
        pending(appId, "expire").qrExpired = true;
    }

    synchronized String onlineDevice(String wxid, String nickName) {
        Device device = newDevice();
        device.wxid = wxid;
        device.nickName = nickName;
        device.uin = Long.toString(nextUin++);
        device.state = State.ONLINE;
        return device.appId;
    }

    synchronized void goOffline(String appId, boolean reconnectable) {
        Device device = known(appId);
        if (device.state != State.ONLINE) {
            throw new IllegalStateException(appId + " is " + device.state + ", not online");
        }
        device.state = reconnectable ? State.OFFLINE : State.LOGGED_OUT;
    }

    synchronized State state(String appId) {
        return known(appId).state;
    }

    synchronized String wxid(String appId) {
        String wxid = known(appId).wxid;
        if (wxid == null) {
            throw new IllegalStateException(appId + " has never logged in");
        }
        return wxid;
    }

    /**
     * @param body a request body naming an {@code appId}
     * @return the device's wxid when it is online
     * @throws Refusal answering "no such device", or the offline envelope
     */
    synchronized String requireOnline(String path, JsonNode body) throws Refusal {
        Device device = device(body);
        if (device.state != State.ONLINE) {
            throw new Refusal(FakeGeweEnvelope.offline(path));
        }
        return device.wxid;
    }

    // ---- endpoints ---------------------------------------------------------------------------------

    private synchronized ObjectNode getLoginQrCode(String path, JsonNode body) throws Refusal {
        FakeGeweEnvelope.required(body, "type");
        FakeGeweEnvelope.required(body, "regionId");
        String appId = body.path("appId").asText("");
        Device device;
        if (appId.isEmpty()) {
            device = newDevice();
        } else {
            device = device(body);
            if (device.state == State.ONLINE) {
                throw new Refusal(FakeGeweEnvelope.error(FakeGeweEnvelope.ALREADY_LOGGED_IN));
            }
        }
        issue(device);
        ObjectNode data = JSON.createObjectNode()
                .put("appId", device.appId)
                .put("qrData", "http://weixin.qq.com/x/" + device.uuid)
                .put("qrImgBase64", QR_IMAGE)
                .put("uuid", device.uuid);
        return FakeGeweEnvelope.ok(data);
    }

    private synchronized ObjectNode checkLogin(String path, JsonNode body) throws Refusal {
        Device device = device(body);
        String uuid = FakeGeweEnvelope.required(body, "uuid");
        ObjectNode data = JSON.createObjectNode().put("uuid", uuid);
        long nanosLeft = qrLifetime.toNanos() - (System.nanoTime() - device.qrIssuedAt);
        long secondsLeft = nanosLeft <= 0 ? 0 : (nanosLeft + 999_999_999L) / 1_000_000_000L;
        boolean current = uuid.equals(device.uuid);
        if (current && device.state == State.ONLINE) {
            data.put("status", 2).put("nickName", device.nickName).put("headImgUrl", device.headImgUrl)
                    .put("expiredTime", Math.max(secondsLeft, 1));
            data.putObject("loginInfo").put("uin", Long.parseLong(device.uin)).put("wxid", device.wxid)
                    .put("nickName", device.nickName).put("mobile", "171" + device.uin.substring(2)).putNull("alias");
            return FakeGeweEnvelope.ok(data);
        }
        boolean live = current && !device.qrExpired && secondsLeft > 0
                && (device.state == State.WAITING || device.state == State.SCANNED);
        if (live && device.state == State.SCANNED) {
            data.put("status", 1).put("nickName", device.scanNickName).put("headImgUrl", device.headImgUrl)
                    .put("expiredTime", secondsLeft);
        } else if (live) {
            data.put("status", 0).put("expiredTime", secondsLeft);
        } else {
            data.put("status", 0);
        }
        data.putNull("loginInfo");
        return FakeGeweEnvelope.ok(data);
    }

    private synchronized ObjectNode checkOnline(String path, JsonNode body) throws Refusal {
        return FakeGeweEnvelope.ok(JSON.getNodeFactory().booleanNode(device(body).state == State.ONLINE));
    }

    private synchronized ObjectNode reconnection(String path, JsonNode body) throws Refusal {
        Device device = device(body);
        if (device.state == State.OFFLINE) {
            device.state = State.ONLINE;
        } else if (device.state != State.ONLINE) {
            throw new Refusal(FakeGeweEnvelope.error("重连失败"));
        }
        return FakeGeweEnvelope.ok();
    }

    private synchronized ObjectNode logout(String path, JsonNode body) throws Refusal {
        device(body).state = State.LOGGED_OUT;
        return FakeGeweEnvelope.ok();
    }

    private synchronized ObjectNode dialogLogin(String path, JsonNode body) throws Refusal {
        FakeGeweEnvelope.required(body, "regionId");
        Device device = device(body);
        if (device.state == State.ONLINE) {
            throw new Refusal(FakeGeweEnvelope.error(FakeGeweEnvelope.ALREADY_LOGGED_IN));
        }
        if (device.wxid == null) {
            throw new Refusal(FakeGeweEnvelope.error("弹框登录失败"));
        }
        issue(device);
        return FakeGeweEnvelope.ok(JSON.createObjectNode().put("appId", device.appId).put("uuid", device.uuid));
    }

    private synchronized ObjectNode getProfile(String path, JsonNode body) throws Refusal {
        requireOnline(path, body);
        Device device = device(body);
        ObjectNode data = JSON.createObjectNode()
                .put("wxid", device.wxid).put("nickName", device.nickName).putNull("alias")
                .put("mobile", "171" + device.uin.substring(2)).put("uin", Long.parseLong(device.uin)).put("sex", 0)
                .put("province", "Jiangsu").put("city", "Nanjing").put("signature", "")
                .put("country", "CN").put("bigHeadImgUrl", "https://wx.qlogo.cn/mmhead/fake/0")
                .put("smallHeadImgUrl", "https://wx.qlogo.cn/mmhead/fake/132").put("regCountry", "CN")
                .putNull("snsBgImg");
        return FakeGeweEnvelope.ok(data);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private Device newDevice() {
        Device device = new Device("wx_" + random(21));
        devices.put(device.appId, device);
        return device;
    }

    private void issue(Device device) {
        device.uuid = random(20);
        device.qrIssuedAt = System.nanoTime();
        device.qrExpired = false;
        device.scanNickName = null;
        device.state = State.WAITING;
    }

    private Device device(JsonNode body) throws Refusal {
        Device device = devices.get(FakeGeweEnvelope.required(body, "appId"));
        if (device == null) {
            throw new Refusal(FakeGeweEnvelope.error("操作失败", "-1", FakeGeweEnvelope.NO_SUCH_DEVICE));
        }
        return device;
    }

    private Device known(String appId) {
        Device device = devices.get(appId);
        if (device == null) {
            throw new IllegalArgumentException("The fake issued no appId " + appId);
        }
        return device;
    }

    private Device pending(String appId, String action) {
        Device device = known(appId);
        boolean pending = device.state == State.WAITING || device.state == State.SCANNED;
        if (!pending || device.qrExpired) {
            throw new IllegalStateException("Cannot " + action + " " + appId + ": it is " + device.state
                    + (device.qrExpired ? " with an expired QR code" : ""));
        }
        return device;
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** One cloud device. */
    private static final class Device {
        private final String appId;
        private State state = State.LOGGED_OUT;
        private String uuid;
        private long qrIssuedAt;
        private boolean qrExpired;
        private String scanNickName;
        private String headImgUrl;
        private String wxid;
        private String nickName;
        private String uin;

        private Device(String appId) {
            this.appId = appId;
        }
    }
}
